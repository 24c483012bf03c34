-- CreateTable
CREATE TABLE "reaction_jobs" (
    "reaction" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "run_at" TIMESTAMPTZ(6),
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueued_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),

    CONSTRAINT "reaction_jobs_pkey" PRIMARY KEY ("reaction","job_id")
);

-- CreateIndex
CREATE INDEX "reaction_jobs_completed_at_recorded_at_idx" ON "reaction_jobs"("completed_at", "recorded_at");
