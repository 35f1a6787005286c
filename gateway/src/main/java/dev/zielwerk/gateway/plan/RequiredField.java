package dev.zielwerk.gateway.plan;

import java.util.List;

/**
 * A field copied from the response into an entity representation (key fields and
 * {@code @requires} fields).
 *
 * @param name the field name, as the representation carries it
 * @param responseKey the key the value has in the response tree (differs from the name
 * when the client uses the name for another field)
 * @param selections sub-fields for object values, empty for leaves
 */
public record RequiredField(String name, String responseKey, List<RequiredField> selections) {
}
