package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.identity.IdentityType;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The {@code partner_shares} table. */
@Component
final class ShareStore {

	private static final String COLUMNS = "id, partner_id, segment_id, identifier_types, overlap_only, expires_at, created_at, "
			+ "created_by, updated_at, revoked_at";

	private final DatabaseClient database;

	ShareStore(DatabaseClient database) {
		this.database = database;
	}

	Mono<PartnerShare> insert(PartnerShare share) {
		return this.database
			.sql("INSERT INTO partner_shares (" + COLUMNS
					+ ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL) RETURNING " + COLUMNS)
			.bind(0, share.id())
			.bind(1, share.partnerId())
			.bind(2, share.segmentId())
			.bind(3, types(share.identifierTypes()))
			.bind(4, share.overlapOnly())
			.bind(5, share.expiresAt())
			.bind(6, share.createdAt())
			.bind(7, share.createdBy())
			.bind(8, share.updatedAt())
			.map((row, meta) -> share(row))
			.one();
	}

	Mono<PartnerShare> find(UUID id) {
		return this.database.sql("SELECT " + COLUMNS + " FROM partner_shares WHERE id = $1")
			.bind(0, id)
			.map((row, meta) -> share(row))
			.one();
	}

	/** Shares in creation order, of one partner or of all. */
	Flux<PartnerShare> list(@Nullable String partnerId) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("SELECT " + COLUMNS
				+ " FROM partner_shares WHERE ($1::text IS NULL OR partner_id = $1) ORDER BY created_at, id");
		spec = (partnerId != null) ? spec.bind(0, partnerId) : spec.bindNull(0, String.class);
		return spec.map((row, meta) -> share(row)).all();
	}

	/** The partner's shares that are neither revoked nor expired at {@code now}. */
	Flux<PartnerShare> active(String partnerId, Instant now) {
		return this.database
			.sql("SELECT " + COLUMNS + " FROM partner_shares WHERE partner_id = $1 AND revoked_at IS NULL "
					+ "AND expires_at > $2 ORDER BY created_at, id")
			.bind(0, partnerId)
			.bind(1, now)
			.map((row, meta) -> share(row))
			.all();
	}

	/** Changes what is shared or until when; a revoked share stays revoked. */
	Mono<PartnerShare> change(UUID id, @Nullable List<IdentityType> types, @Nullable Instant expiresAt, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				UPDATE partner_shares SET identifier_types = coalesce($2::text[], identifier_types),
				    expires_at = coalesce($3::timestamptz, expires_at), updated_at = $4
				WHERE id = $1 RETURNING\s""" + COLUMNS).bind(0, id).bind(3, now);
		spec = (types != null) ? spec.bind(1, types(types)) : spec.bindNull(1, String[].class);
		spec = (expiresAt != null) ? spec.bind(2, expiresAt) : spec.bindNull(2, Instant.class);
		return spec.map((row, meta) -> share(row)).one();
	}

	/** Revokes the share; revoking again keeps the first revocation time. */
	Mono<PartnerShare> revoke(UUID id, Instant now) {
		return this.database
			.sql("UPDATE partner_shares SET revoked_at = coalesce(revoked_at, $2), updated_at = $2 "
					+ "WHERE id = $1 RETURNING " + COLUMNS)
			.bind(0, id)
			.bind(1, now)
			.map((row, meta) -> share(row))
			.one();
	}

	private static String[] types(List<IdentityType> types) {
		return types.stream().map(IdentityType::name).toArray(String[]::new);
	}

	private static PartnerShare share(Readable row) {
		String[] types = row.get("identifier_types", String[].class);
		return new PartnerShare(row.get("id", UUID.class), row.get("partner_id", String.class),
				row.get("segment_id", String.class),
				Arrays.stream((types != null) ? types : new String[0]).map(IdentityType::valueOf).toList(),
				Boolean.TRUE.equals(row.get("overlap_only", Boolean.class)), row.get("expires_at", Instant.class),
				row.get("created_at", Instant.class), row.get("created_by", String.class),
				row.get("updated_at", Instant.class), row.get("revoked_at", Instant.class));
	}

}
