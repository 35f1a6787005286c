package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.regex.Pattern;

import dev.zielwerk.profile.error.InvalidInputException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The partners the owner has registered. */
@Component
final class PartnerRegistry {

	/**
	 * A partner id is also a name in the rule language ({@code traits.partner.<id>.x}),
	 * so it has the shape of a rule-language word; the table checks the same.
	 */
	private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{1,39}");

	private final DatabaseClient database;

	PartnerRegistry(DatabaseClient database) {
		this.database = database;
	}

	Mono<Partner> create(String id, String name, String createdBy, Instant at) {
		return Mono.defer(() -> {
			if (!ID.matcher(id).matches()) {
				return Mono.error(new InvalidInputException("id", "\"" + id
						+ "\" is no partner id: 2 to 40 of a-z, 0-9 and _, starting with a letter (it names traits.partner.<id> in rules)"));
			}
			if (name.isBlank()) {
				return Mono.error(new InvalidInputException("name", "must not be blank"));
			}
			Partner partner = new Partner(id, name.strip(), at, createdBy);
			return this.database.sql("INSERT INTO partners (id, name, created_at, created_by) VALUES ($1, $2, $3, $4)")
				.bind(0, partner.id())
				.bind(1, partner.name())
				.bind(2, partner.createdAt())
				.bind(3, partner.createdBy())
				.then()
				.onErrorMap(DataIntegrityViolationException.class,
						(ex) -> new InvalidInputException("id", "partner \"" + id + "\" already exists"))
				.thenReturn(partner);
		});
	}

	Mono<Partner> find(String id) {
		return this.database.sql("SELECT id, name, created_at, created_by FROM partners WHERE id = $1")
			.bind(0, id)
			.map((row, meta) -> new Partner(row.get("id", String.class), row.get("name", String.class),
					row.get("created_at", Instant.class), row.get("created_by", String.class)))
			.one();
	}

	Flux<Partner> all() {
		return this.database.sql("SELECT id, name, created_at, created_by FROM partners ORDER BY id")
			.map((row, meta) -> new Partner(row.get("id", String.class), row.get("name", String.class),
					row.get("created_at", Instant.class), row.get("created_by", String.class)))
			.all();
	}

}
