package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule compiled to one PostgreSQL query over schema {@code segment} that selects the
 * {@code profile_id} of every member at a bound instant. Every value of the rule is a
 * bind parameter; the instant is bound at run time, so one compiled query serves every
 * evaluation of the rule.
 */
public final class CompiledQuery {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");

	private final String sql;

	private final List<SqlParameter> parameters;

	CompiledQuery(String sql, List<SqlParameter> parameters) {
		this.sql = sql;
		this.parameters = List.copyOf(parameters);
	}

	/**
	 * The query with numbered bind markers ({@code $1}, {@code $2}, ...), as R2DBC
	 * PostgreSQL binds them.
	 * @return the SQL text
	 */
	public String sql() {
		return this.sql;
	}

	/**
	 * The values of {@code $1}, {@code $2}, ... for an evaluation at an instant: Strings
	 * (instants as {@code timestamptz} text), BigDecimals.
	 * @param now the instant
	 * @return the values, in the order of their bind markers
	 */
	public List<Object> parameters(Instant now) {
		return this.parameters.stream().map((parameter) -> parameter.value(now)).toList();
	}

	/**
	 * The values for a batch query ({@link SqlCompiler#compileBatch}) over the profile
	 * ids from {@code low} to {@code high}, both inclusive.
	 * @param now the instant
	 * @param low the first profile id of the range
	 * @param high the last profile id of the range
	 * @return the values, in the order of their bind markers
	 */
	public List<Object> parameters(Instant now, UUID low, UUID high) {
		return this.parameters.stream()
			.map((parameter) -> (parameter instanceof SqlParameter.Bound bound) ? (bound.high() ? high : low)
					: parameter.value(now))
			.toList();
	}

	/**
	 * The query with JDBC's {@code ?} bind markers.
	 * @return the SQL text
	 */
	public String jdbcSql() {
		return PLACEHOLDER.matcher(this.sql).replaceAll("?");
	}

	/**
	 * The values bound to the {@code ?} markers of {@link #jdbcSql()}, in text order.
	 * @param now the instant
	 * @return the values
	 */
	public List<Object> jdbcParameters(Instant now) {
		return inTextOrder(parameters(now));
	}

	/**
	 * The values bound to the {@code ?} markers of {@link #jdbcSql()} for a batch query.
	 * @param now the instant
	 * @param low the first profile id of the range
	 * @param high the last profile id of the range
	 * @return the values
	 */
	public List<Object> jdbcParameters(Instant now, UUID low, UUID high) {
		return inTextOrder(parameters(now, low, high));
	}

	private List<Object> inTextOrder(List<Object> numbered) {
		List<Object> ordered = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(this.sql);
		while (matcher.find()) {
			ordered.add(numbered.get(Integer.parseInt(matcher.group(1)) - 1));
		}
		return ordered;
	}

	@Override
	public String toString() {
		return this.sql;
	}

}
