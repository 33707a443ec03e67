#!/usr/bin/env bash
# Layering rules `make test` checks.
#
# The UI crate must not depend on the database or HTTP-client crates, directly or not:
# they would bloat the wasm bundle and put server rules where they do not belong.
set -euo pipefail
cd "$(dirname "$0")/.."
for features in ssr hydrate; do
  if cargo tree -p app --no-default-features --features "$features" -e normal --prefix none \
      | grep -E '^(sqlx|reqwest)( |-)' ; then
    echo "layering: app (feature $features) depends on the crates above; keep them in server" >&2
    exit 1
  fi
done
echo "layering: app depends on neither sqlx nor reqwest"

# All SQL is in server/src/db/ (one module per table): a query anywhere else would put storage
# rules where the PostgreSQL backend cannot find them.
if grep -rln --include='*.rs' 'sqlx::query' server/src | grep -v '^server/src/db/' ; then
  echo "layering: the files above run SQL outside server/src/db/; move the query into its table's module" >&2
  exit 1
fi
echo "layering: every SQL query is in server/src/db/"
