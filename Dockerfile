# GhostAssist: the API with the task pane built in, as one image.
#   docker build -t ghostassist .
# Stage 1 builds the pane (addin/ → api/wwwroot), stage 2 publishes the API, stage 3 runs it as a
# non-root user. See compose.yaml for two instances behind nginx with PostgreSQL and Redis.

FROM node:20-bookworm-slim AS pane
WORKDIR /src/addin
COPY addin/package.json addin/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY addin/ ./
# Vite writes the pane into ../api/wwwroot, i.e. /src/api/wwwroot.
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS api
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY api/GhostAssist.Api.csproj api/
RUN dotnet restore api/GhostAssist.Api.csproj
COPY api/ api/
COPY --from=pane /src/api/wwwroot api/wwwroot
RUN dotnet publish api/GhostAssist.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl for the health check only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=api /app ./
# App_Data holds the SQLite template store and .ics invites when no PostgreSQL/Graph is configured.
RUN mkdir -p /app/App_Data && chown -R 1654:1654 /app/App_Data
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The image's own non-root user ("app", uid 1654).
USER 1654
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "GhostAssist.Api.dll"]
