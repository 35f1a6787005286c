package dev.zielwerk.profile.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.partner.SharedAudiences.MemberPage;
import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * The fields partner callers use. Each one checks the caller itself: the schema's
 * {@code @requiresScopes} is checked by the gateway, this is the second, independent
 * check.
 */
@Controller
final class PartnerController {

	private final PartnerAccess access;

	private final SharedAudiences audiences;

	private final AudienceOverlap overlap;

	private final PartnerTraitImport traits;

	PartnerController(PartnerAccess access, SharedAudiences audiences, AudienceOverlap overlap,
			PartnerTraitImport traits) {
		this.access = access;
		this.audiences = audiences;
		this.overlap = overlap;
		this.traits = traits;
	}

	@QueryMapping
	Mono<List<PartnerShare>> sharedAudiences(GraphQLContext context) {
		return Mono.defer(() -> this.audiences.list(this.access.partner(context)));
	}

	@SchemaMapping(typeName = "SharedAudience", field = "members")
	Mono<MemberPage> members(PartnerShare share, @Argument @Nullable Integer first, @Argument @Nullable String after,
			GraphQLContext context) {
		return Mono.defer(() -> this.audiences.members(this.access.partner(context), share, first, after));
	}

	@QueryMapping
	Mono<OverlapAnswer> audienceOverlap(@Argument String shareId, @Argument List<String> hashedIdentifiers,
			GraphQLContext context) {
		return Mono.defer(() -> this.overlap.overlap(this.access.partner(context), shareId, hashedIdentifiers));
	}

	@MutationMapping
	Mono<Map<String, Object>> importPartnerTraits(@Argument String shareId, @Argument List<Map<String, Object>> rows,
			GraphQLContext context) {
		return Mono.defer(() -> this.traits.importRows(this.access.partner(context), shareId, rows(rows))
			.map((received) -> Map.of("shareId", shareId, "received", received)));
	}

	@SuppressWarnings("unchecked")
	private static List<PartnerTraitRow> rows(List<Map<String, Object>> input) {
		List<PartnerTraitRow> rows = new ArrayList<>(input.size());
		for (int i = 0; i < input.size(); i++) {
			Object traits = input.get(i).get("traits");
			if (!(traits instanceof Map<?, ?> map)) {
				throw new InvalidInputException("rows[" + i + "].traits",
						"must be a JSON object of trait names to values");
			}
			rows.add(new PartnerTraitRow(String.valueOf(input.get(i).get("sha256")),
					(Map<String, @Nullable Object>) map));
		}
		return rows;
	}

}
