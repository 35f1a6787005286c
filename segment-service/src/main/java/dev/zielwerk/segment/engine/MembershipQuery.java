package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.evaluation.CompiledQuery;
import dev.zielwerk.segment.evaluation.SqlCompiler;
import dev.zielwerk.segment.rule.Condition;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Every member of a rule at an instant, by the SQL compiled from it: the batch, and
 * previews that save nothing. Segment references read the stored memberships.
 */
@Component
public final class MembershipQuery {

	private final DatabaseClient database;

	MembershipQuery(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The members.
	 * @param rule a valid rule
	 * @param now the instant
	 * @return the ids of the profiles that match
	 */
	public Mono<Set<UUID>> members(Condition rule, Instant now) {
		CompiledQuery query = SqlCompiler.compile(rule);
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(query.sql());
		List<Object> parameters = query.parameters(now);
		for (int i = 0; i < parameters.size(); i++) {
			spec = spec.bind(i, parameters.get(i));
		}
		return spec.map((row) -> row.get("profile_id", UUID.class)).all().collect(HashSet::new, Set::add);
	}

}
