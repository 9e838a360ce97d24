#!/usr/bin/env bash
# Adds the same EF Core migration to both providers, so the model never drifts between them.
# Usage: migrations/add.sh MigrationName
set -euo pipefail
name=${1:?usage: migrations/add.sh MigrationName}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project="migrations/SafeHome.Migrations.$provider"
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
