/*
 * Cluster replication for Java: the calls of presence.h whose records hold
 * arrays of borrowed pointers (pe_replica's room ids) or that take such
 * records in an array. As adapters.h, each is a thin adapter over one pe_
 * call, with no behaviour of its own.
 */
#ifndef PRESENCE_JAVA_REPLICATION_H
#define PRESENCE_JAVA_REPLICATION_H

#include <stddef.h>
#include <stdint.h>

#include "adapters.h"
#include "presence/presence.h"

/* pe_engine_create() with config->node_id given as text (NULL: a standalone engine). */
pe_status pj_engine_create(const pe_config* config, const char* node_id, size_t node_id_len,
                           pe_engine** out);

/* pe_engine_create_from_file() with config->node_id given as text, as
 * pj_engine_create(): a cluster node is refused (PE_UNSUPPORTED) by the
 * library itself, not by Java. */
pe_status pj_engine_create_from_file(const pe_config* config, const char* node_id,
                                     size_t node_id_len, const char* path, size_t path_len,
                                     int64_t now_ms, pe_engine** out);

/* The id of room `index` of a record read with pe_result_replica(); borrowed from the result. */
pj_bytes pj_replica_room(const pe_replica* record, size_t index);

/*
 * pe_engine_apply_replicas() over records packed by the Java side into one
 * buffer (dev.presence.ReplicaPacker documents the layout). `statuses`
 * receives one status per record, so its length is the record count; a
 * buffer that does not hold exactly that many records is PE_INVALID_ARGUMENT
 * and nothing is applied.
 */
pe_status pj_engine_apply_replicas(pe_engine* engine, const char* packed, size_t packed_len,
                                   int64_t now_ms, int32_t* statuses, size_t statuses_len,
                                   size_t* out_failed);

#endif /* PRESENCE_JAVA_REPLICATION_H */
