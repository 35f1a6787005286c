package dev.zielwerk.gateway.operation;

import java.util.List;

import graphql.language.SourceLocation;

/**
 * An error in the client's request itself (syntax, validation, variables), reported
 * before anything is fetched.
 *
 * @param message what is wrong
 * @param locations where in the document, may be empty
 * @param code the {@code extensions.code}
 */
public record RequestError(String message, List<SourceLocation> locations, String code) {
}
