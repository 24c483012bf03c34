# One image for both processes: `node dist/apps/api/src/main.js` or `.../worker/src/main.js`.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY tools/prisma-generate.js ./tools/prisma-generate.js
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 3000 9464
CMD ["node", "dist/apps/api/src/main.js"]
