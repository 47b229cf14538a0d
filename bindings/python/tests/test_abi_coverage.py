"""Every function of the C ABI is used by the package: nothing of the header is left unwrapped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent.parent
HEADER = HERE.parent.parent / "capi" / "include" / "presence" / "presence.h"
NATIVE = HERE / "src" / "native"

# Functions the package deliberately does not call, {name: reason}. A function
# added to the header fails this test until it is wrapped or listed here.
_CLUSTER_RUNTIME = (
    "the Redis cluster runtime needs hiredis and OpenSSL, which the wheel does not "
    "carry (built with PE_BUILD_CLUSTER=OFF, where pe_cluster_start() is UNSUPPORTED); "
    "replication records (take/export/apply_replicas, node_seen) are wrapped instead"
)
ALLOWED_UNUSED: dict[str, str] = dict.fromkeys(
    (
        "pe_cluster_options_create",
        "pe_cluster_options_destroy",
        "pe_cluster_options_set_url",
        "pe_cluster_options_set_cluster_name",
        "pe_cluster_options_set_node_ttl_ms",
        "pe_cluster_options_set_stream_max_len",
        "pe_cluster_options_set_batch_interval_ms",
        "pe_cluster_options_set_start_timeout_ms",
        "pe_cluster_options_set_auth",
        "pe_cluster_options_set_tls",
        "pe_cluster_start",
        "pe_cluster_stop",
        "pe_cluster_destroy",
        "pe_cluster_stats_init",
        "pe_cluster_stats_get",
        "pe_cluster_last_error",
    ),
    _CLUSTER_RUNTIME,
)


def header_functions() -> list[str]:
    text = HEADER.read_text(encoding="utf-8")
    return sorted(set(re.findall(r"^PE_API\s+[^;(]*?\b(pe_\w+)\s*\(", text, re.M)))


@pytest.mark.skipif(not HEADER.exists(), reason="needs the repository's C header")
def test_the_package_uses_every_function_of_the_c_abi() -> None:
    functions = header_functions()
    # The parse found the header's functions, from the first to the last.
    assert {"pe_version_string", "pe_engine_create", "pe_engine_stats"} <= set(functions)
    assert len(functions) >= 100
    sources = "".join(p.read_text(encoding="utf-8") for p in sorted(NATIVE.glob("*.[ch]*")))
    code = re.sub(r"//[^\n]*", "", sources)  # a name in a comment is no use of it
    used = set(re.findall(r"\b(pe_\w+)\b", code))
    unused = [f for f in functions if f not in used and f not in ALLOWED_UNUSED]
    assert unused == []


@pytest.mark.skipif(not HEADER.exists(), reason="needs the repository's C header")
def test_the_allow_list_names_only_functions_of_the_header() -> None:
    assert set(ALLOWED_UNUSED) <= set(header_functions())
