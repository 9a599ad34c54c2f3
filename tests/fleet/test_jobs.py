"""Job identity and shards: pure, deterministic, the same on every machine."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from auditor.config import AuditConfig
from auditor.errors import ConfigError
from auditor.fleet.jobs import (
    JobSpec,
    check_batch,
    config_hash,
    job_config,
    job_id,
    parse_shard,
    shard,
    shard_of,
)


@dataclass(frozen=True)
class Site:
    site: str


SITES = [Site(f"https://www.council-{n}.gov.uk") for n in range(400)]


def test_shards_partition_the_sites_exactly_once() -> None:
    for k in (1, 2, 3, 7, 16):
        parts = [shard(SITES, n, k) for n in range(1, k + 1)]
        flat = [s for part in parts for s in part]
        assert sorted(s.site for s in flat) == sorted(s.site for s in SITES)
        assert len(flat) == len(SITES)


def test_shards_are_roughly_even() -> None:
    sizes = [len(shard(SITES, n, 4)) for n in range(1, 5)]
    assert min(sizes) > 70, sizes  # 100 each on average


def test_a_shard_keeps_the_given_order_and_does_not_depend_on_the_list() -> None:
    first = shard(SITES, 2, 3)
    assert first == [s for s in SITES if s in first]
    # A site's shard is a function of its origin alone: reversing or cutting the list does
    # not move it (another CI job with a longer list agrees on the sites they share).
    assert shard(list(reversed(SITES[:50])), 2, 3) == list(
        reversed([s for s in first if s in SITES[:50]])
    )


def test_the_shard_of_a_site_is_stable_across_runs_and_machines() -> None:
    # Fixed values: a change of hash function would silently reshuffle every CI matrix.
    assert shard_of("https://www.council-0.gov.uk", 4) == shard_of(
        "https://WWW.council-0.gov.uk/x", 4
    )
    assert [shard_of(s.site, 4) for s in SITES[:8]] == EXPECTED_FIRST_EIGHT


EXPECTED_FIRST_EIGHT = [4, 1, 4, 3, 3, 4, 2, 1]


@pytest.mark.parametrize("spec", ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", ""])
def test_bad_shard_specs_are_refused(spec: str) -> None:
    with pytest.raises(ConfigError, match="--shard"):
        parse_shard(spec)


def test_shard_specs_parse() -> None:
    assert parse_shard("1/1") == (1, 1)
    assert parse_shard(" 3 / 8 ") == (3, 8)
    with pytest.raises(ValueError, match="shard"):
        shard(SITES, 0, 2)


def test_job_identity_is_batch_site_and_settings() -> None:
    config = AuditConfig(max_pages=125)
    settings = json.loads(job_config(config, "https://a.gov.uk/"))
    hashed = config_hash(settings)
    same = job_id("2026-01-01", "https://a.gov.uk/", hashed)
    assert same == job_id("2026-01-01", "https://A.gov.uk", hashed)  # the origin, normalised
    assert same != job_id("2026-01-02", "https://a.gov.uk/", hashed)
    assert same != job_id("2026-01-01", "https://b.gov.uk/", hashed)
    other = config_hash(json.loads(job_config(AuditConfig(max_pages=10), "https://a.gov.uk/")))
    assert other != hashed
    assert same != job_id("2026-01-01", "https://a.gov.uk/", other)


def test_where_reports_go_does_not_change_the_job() -> None:
    a = json.loads(job_config(AuditConfig(out="x", db="one.sqlite"), "https://a.gov.uk/"))
    b = json.loads(job_config(AuditConfig(out="y", db="two.sqlite"), "https://a.gov.uk/"))
    assert config_hash(a) == config_hash(b)


def test_a_spec_names_its_site_and_stores_its_url() -> None:
    spec = JobSpec(
        "b1",
        "https://a.gov.uk",
        "A",
        "District",
        "https://a.gov.uk/start",
        job_config(AuditConfig(), "https://a.gov.uk/start"),
    )
    assert json.loads(spec.config_json)["urls"] == ["https://a.gov.uk/start"]
    assert spec.job_id == job_id("b1", "https://a.gov.uk", spec.config_hash)
    assert AuditConfig.model_validate_json(spec.config_json).urls == ["https://a.gov.uk/start"]


@pytest.mark.parametrize("batch", ["", "-x", "a b", "x" * 65, "a/b"])
def test_bad_batch_ids_are_refused(batch: str) -> None:
    with pytest.raises(ConfigError, match="batch"):
        check_batch(batch)
