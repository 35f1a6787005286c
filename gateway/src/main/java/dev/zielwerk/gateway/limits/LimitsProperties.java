package dev.zielwerk.gateway.limits;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Request and operation limits ({@code zielwerk.gateway.limits.*}). The defaults and why
 * they were chosen are in the gateway README.
 *
 * @param maxRequestBytes largest HTTP request body; larger ones get 413
 * @param parserMaxCharacters largest query text the parser reads
 * @param parserMaxTokens most grammar tokens the parser reads
 * @param parserMaxWhitespaceTokens most whitespace and comment tokens the parser reads
 * @param parserMaxRecursion deepest grammar rule nesting the parser follows
 * @param maxDepth deepest field nesting of an operation, through fragments
 * @param maxAliases most aliased fields of an operation, counted through fragments
 * @param maxRootFields most root fields of an operation, counted through fragments
 * @param maxCost highest estimated cost (IBM cost spec: objects 1, scalars 0, lists
 * multiplied by their size)
 * @param defaultListSize size assumed for a list without {@code @listSize}
 * @param batching whether a POST body may be an array of requests
 * @param maxBatchSize most requests in one batch when batching is on
 * @param csrfPrevention whether requests need a non-simple content type or a preflight
 * header
 * @param csrfRequiredHeaders headers any of which marks a request as preflighted
 * @param maxDirectives most directives written in one document (directive overloading);
 * GraphQL Armor's default
 */
@ConfigurationProperties("zielwerk.gateway.limits")
public record LimitsProperties(@DefaultValue("2MB") DataSize maxRequestBytes,
		@DefaultValue("1000000") int parserMaxCharacters, @DefaultValue("15000") int parserMaxTokens,
		@DefaultValue("200000") int parserMaxWhitespaceTokens, @DefaultValue("500") int parserMaxRecursion,
		@DefaultValue("100") int maxDepth, @DefaultValue("30") int maxAliases, @DefaultValue("20") int maxRootFields,
		@DefaultValue("100000") long maxCost, @DefaultValue("10") int defaultListSize,
		@DefaultValue("false") boolean batching, @DefaultValue("10") int maxBatchSize,
		@DefaultValue("true") boolean csrfPrevention, @DefaultValue( {
				"x-apollo-operation-name", "apollo-require-preflight" }) List<String> csrfRequiredHeaders,
		@DefaultValue("50") int maxDirectives){

	/**
	 * The defaults, for code that runs without Spring binding.
	 * @return the default limits
	 */
	public static LimitsProperties defaults() {
		return new LimitsProperties(DataSize.ofMegabytes(2), 1_000_000, 15_000, 200_000, 500, 100, 30, 20, 100_000, 10,
				false, 10, true, List.of("x-apollo-operation-name", "apollo-require-preflight"), 50);
	}

}
