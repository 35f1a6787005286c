package dev.zielwerk.profile.profiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.paging.Cursors;
import dev.zielwerk.profile.paging.Page;
import io.r2dbc.postgresql.codec.Json;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Lists profiles that match a filter, in keyset pages ordered by id. Ids are time-ordered
 * (UUID v7), so this is creation order, and unlike last-seen order it does not shift
 * while a client pages, so no profile is skipped or repeated. Merged-away profiles are
 * left out: they are their survivor.
 */
@Component
public final class ProfileSearch {

	private final DatabaseClient database;

	private final JsonMapper json;

	ProfileSearch(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/**
	 * One page; the total is counted only when {@code withTotal}, it costs a second
	 * statement.
	 */
	public Mono<Page<Profile>> search(ProfileFilter filter, int first, @Nullable UUID after, boolean withTotal) {
		List<Object> params = new ArrayList<>();
		String where = where(filter, params);
		List<Object> pageParams = new ArrayList<>(params);
		String pageWhere = where;
		if (after != null) {
			pageParams.add(after);
			pageWhere += " AND p.id > $" + pageParams.size();
		}
		pageParams.add(first + 1);
		String sql = "SELECT p.id, p.first_seen_at, p.last_seen_at FROM profiles p WHERE " + pageWhere
				+ " ORDER BY p.id LIMIT $" + pageParams.size();
		Mono<List<Profile>> rows = bind(this.database.sql(sql), pageParams)
			.map((row, meta) -> new Profile(row.get("id", UUID.class), row.get("first_seen_at", Instant.class),
					row.get("last_seen_at", Instant.class)))
			.all()
			.collectList();
		Mono<Integer> total = withTotal
				? bind(this.database.sql("SELECT count(*) AS total FROM profiles p WHERE " + where), params)
					.map((row, meta) -> row.get("total", Long.class))
					.one()
					.map(Long::intValue)
				: Mono.just(-1);
		return rows.zipWith(total, (profiles, count) -> Page.of(profiles, first, (profile) -> Cursors.of(profile.id()),
				(count >= 0) ? count : null));
	}

	private String where(ProfileFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("p.merged_into IS NULL");
		if (filter.hasTrait() != null) {
			params.add(filter.hasTrait().group());
			params.add(filter.hasTrait().name());
			where.append(" AND EXISTS (SELECT 1 FROM traits t WHERE t.profile_id = p.id AND t.trait_group = $")
				.append(params.size() - 1)
				.append(" AND t.name = $")
				.append(params.size())
				.append(")");
		}
		if (filter.traitPath() != null) {
			params.add(filter.traitPath().group());
			params.add(filter.traitPath().name());
			params.add(Json.of(this.json.writeValueAsString(filter.traitValue())));
			where.append(" AND EXISTS (SELECT 1 FROM traits t WHERE t.profile_id = p.id AND t.trait_group = $")
				.append(params.size() - 2)
				.append(" AND t.name = $")
				.append(params.size() - 1)
				.append(" AND t.value = $")
				.append(params.size())
				.append("::jsonb)");
		}
		if (filter.consented() != null) {
			params.add(filter.consented().name());
			where.append(" AND EXISTS (SELECT 1 FROM consents c WHERE c.profile_id = p.id AND c.purpose = $")
				.append(params.size())
				.append(" AND c.status = 'GRANTED' AND (c.expires_at IS NULL OR c.expires_at > now()))");
		}
		if (filter.lastSeenAfter() != null) {
			params.add(filter.lastSeenAfter());
			where.append(" AND p.last_seen_at > $").append(params.size());
		}
		return where.toString();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, List<Object> params) {
		DatabaseClient.GenericExecuteSpec bound = spec;
		for (int i = 0; i < params.size(); i++) {
			bound = bound.bind(i, params.get(i));
		}
		return bound;
	}

}
