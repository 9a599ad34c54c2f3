"""Audit many sites nightly on many machines: idempotent per-site jobs in the shared history
database (state), delivered by Dramatiq on Redis (worker) or split into shards without a broker.
See docs/scaling.md."""
