package dev.zielwerk.segment.evaluation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.ConsentPurpose;
import org.jspecify.annotations.Nullable;

/**
 * What a rule's query needs besides its WHERE condition: parameters, the per-profile
 * event aggregates (one grouped scan of the events), one join per consent purpose and
 * referenced segment, and one lateral per arithmetic node (so nested arithmetic stays
 * linear in size).
 */
final class QueryParts {

	private final List<SqlParameter> parameters = new ArrayList<>();

	private final Map<Object, String> eventColumns = new LinkedHashMap<>();

	private final List<String> eventColumnDefinitions = new ArrayList<>();

	private final Set<String> eventNames = new LinkedHashSet<>();

	private boolean anyEvent;

	private final Map<ConsentPurpose, String> consents = new EnumMap<>(ConsentPurpose.class);

	private final Map<String, String> segments = new LinkedHashMap<>();

	private final List<String> laterals = new ArrayList<>();

	/** The profile id range of a batch query ({@link #batch}); null for whole queries. */
	private @Nullable String low;

	private @Nullable String high;

	String parameter(SqlParameter parameter) {
		this.parameters.add(parameter);
		return "$" + this.parameters.size();
	}

	String text(String value) {
		return parameter(new SqlParameter.Fixed(value)) + "::text";
	}

	String number(BigDecimal value) {
		return parameter(new SqlParameter.Fixed(value)) + "::numeric";
	}

	/** A literal instant; the caller has rounded it to the microsecond. */
	String instant(Instant value) {
		return parameter(new SqlParameter.At(value)) + "::timestamptz";
	}

	/** A duration of whole minutes as an {@code interval}. */
	String interval(Duration duration) {
		return parameter(new SqlParameter.Fixed(duration.toMinutes() + " minutes")) + "::interval";
	}

	String nowMinus(Duration duration) {
		return parameter(new SqlParameter.NowMinus(duration)) + "::timestamptz";
	}

	/** A column of the per-profile event aggregate, computed once per distinct key. */
	String eventColumn(Object key, Supplier<String> definition) {
		String existing = this.eventColumns.get(key);
		if (existing != null) {
			return existing;
		}
		String column = "x" + (this.eventColumns.size() + 1);
		this.eventColumnDefinitions.add(definition.get() + " as " + column);
		this.eventColumns.put(key, "a." + column);
		return "a." + column;
	}

	void eventName(@Nullable String name) {
		if (name == null) {
			this.anyEvent = true;
		}
		else {
			this.eventNames.add(name);
		}
	}

	String consent(ConsentPurpose purpose) {
		return this.consents.computeIfAbsent(purpose, (key) -> "c" + (this.consents.size() + 1));
	}

	String segment(String key) {
		return this.segments.computeIfAbsent(key, (k) -> "m" + (this.segments.size() + 1));
	}

	SqlValue.Num lateral(String numerator, String denominator) {
		String alias = "v" + (this.laterals.size() + 1);
		this.laterals
			.add("cross join lateral (select " + numerator + " as n, " + denominator + " as d offset 0) " + alias);
		return new SqlValue.Num(alias + ".n", alias + ".d");
	}

	/** The members of one rule: {@code profile_id}. */
	CompiledQuery query(String condition) {
		return new CompiledQuery("select p.profile_id\n" + from() + "\nwhere " + condition, this.parameters);
	}

	/**
	 * The members of several rules in one pass: {@code profile_id, member_1, ...}, for
	 * the profiles that are in at least one.
	 */
	CompiledQuery query(List<String> conditions) {
		StringBuilder select = new StringBuilder("select p.profile_id");
		List<String> columns = new ArrayList<>();
		for (int i = 0; i < conditions.size(); i++) {
			columns.add("member_" + (i + 1));
			select.append(", ").append(conditions.get(i)).append(" as member_").append(i + 1);
		}
		String sql = "select profile_id, " + String.join(", ", columns) + " from (" + select + "\n" + from()
				+ ") r\nwhere " + String.join(" or ", columns);
		return new CompiledQuery(sql, this.parameters);
	}

	/**
	 * Several rules over one range of profile ids, in one pass: {@code profile_id},
	 * {@code member_i} and {@code next_i} (the rule's next possible change, NULL for
	 * none), for the profiles in the range that are a member of one rule or have a next
	 * change for one. The range bounds are the last two parameters
	 * ({@link SqlParameter.Bound}), inclusive.
	 */
	CompiledQuery batch(List<String> conditions, List<String> nexts) {
		this.low = parameter(new SqlParameter.Bound(false)) + "::uuid";
		this.high = parameter(new SqlParameter.Bound(true)) + "::uuid";
		StringBuilder select = new StringBuilder("select p.profile_id");
		List<String> wanted = new ArrayList<>();
		List<String> columns = new ArrayList<>();
		for (int i = 0; i < conditions.size(); i++) {
			int n = i + 1;
			select.append(", ").append(conditions.get(i)).append(" as member_").append(n);
			select.append(", ").append(nexts.get(i)).append(" as next_").append(n);
			columns.add("member_" + n + ", next_" + n);
			wanted.add("member_" + n + " or next_" + n + " is not null");
		}
		String sql = "select profile_id, " + String.join(", ", columns) + " from (" + select + "\n" + from()
				+ "\nwhere p.profile_id between " + this.low + " and " + this.high + ") r\nwhere "
				+ String.join(" or ", wanted);
		return new CompiledQuery(sql, this.parameters);
	}

	private String from() {
		StringBuilder sql = new StringBuilder("from segment.profiles p");
		if (!this.eventColumnDefinitions.isEmpty()) {
			sql.append("\nleft join (select e.profile_id, ")
				.append(String.join(", ", this.eventColumnDefinitions))
				.append(" from segment.profile_events e");
			List<String> where = new ArrayList<>();
			if (this.low != null) {
				// the planner does not carry the outer range into the grouped scan
				where.add("e.profile_id between " + this.low + " and " + this.high);
			}
			if (!this.anyEvent) {
				// only the named events can count: the scan skips the rest
				where.add("e.name in (" + this.eventNames.stream().map(this::text).collect(Collectors.joining(", "))
						+ ")");
			}
			if (!where.isEmpty()) {
				sql.append(" where ").append(String.join(" and ", where));
			}
			sql.append(" group by e.profile_id) a on a.profile_id = p.profile_id");
		}
		this.consents.forEach((purpose, alias) -> sql.append("\nleft join segment.profile_consents ")
			.append(alias)
			.append(" on ")
			.append(alias)
			.append(".profile_id = p.profile_id and ")
			.append(alias)
			.append(".purpose = '")
			.append(purpose.name())
			.append("'"));
		this.segments.forEach((key, alias) -> sql.append("\nleft join segment.memberships ")
			.append(alias)
			.append(" on ")
			.append(alias)
			.append(".profile_id = p.profile_id and ")
			.append(alias)
			.append(".segment_key = ")
			.append(text(key)));
		this.laterals.forEach((lateral) -> sql.append('\n').append(lateral));
		return sql.toString();
	}

}
