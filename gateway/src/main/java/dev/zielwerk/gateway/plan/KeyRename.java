package dev.zielwerk.gateway.plan;

import java.util.List;

/**
 * A field a subgraph request sends under a reserved alias because a sibling fragment
 * selects the same response key with another shape in that subgraph (for instance
 * {@code id: ID!} on one type and {@code id: ID} on another, which the subgraph's
 * validation rejects); the executor renames it back in the subgraph's answer before
 * merging.
 *
 * @param path response keys from the fetch's result (the root data, or each entity) to
 * the objects holding the field; lists are walked through
 * @param alias the key the subgraph answers with
 * @param responseKey the key the field has in the client's response
 */
public record KeyRename(List<String> path, String alias, String responseKey) {
}
