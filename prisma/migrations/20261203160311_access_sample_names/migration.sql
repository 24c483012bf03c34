-- AlterTable
ALTER TABLE "access_samples" ADD COLUMN     "name" TEXT NOT NULL DEFAULT '';
