/**
 * The segment rule language (RULES.md): a typed AST of sealed records, its parser,
 * printer, validator, dependency index and JSON form.
 */
@NullMarked
package dev.zielwerk.segment.rule;

import org.jspecify.annotations.NullMarked;
