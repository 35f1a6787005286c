package dev.zielwerk.gateway.plan;

import java.util.List;

/**
 * A field copied from the response into an entity representation (key fields and
 * {@code @requires} fields).
 *
 * @param name the field name (also its key in the response tree)
 * @param selections sub-fields for object values, empty for leaves
 */
public record RequiredField(String name, List<RequiredField> selections) {
}
