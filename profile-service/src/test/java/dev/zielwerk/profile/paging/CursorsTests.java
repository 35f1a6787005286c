package dev.zielwerk.profile.paging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CursorsTests {

	@Test
	void roundTripsTimeAndIdPositionsThroughAnOpaqueCursor() {
		Instant time = Instant.parse("2026-03-01T12:30:00.123456Z");
		UUID id = UUID.randomUUID();
		String cursor = Cursors.of(time, id);
		assertThat(cursor).doesNotContain(id.toString()).doesNotContain("=");
		assertThat(Cursors.timePosition("after", cursor)).isEqualTo(new Cursors.TimePosition(time, id));
		assertThat(Cursors.idPosition("after", Cursors.of(id))).isEqualTo(id);
	}

	@Test
	void rejectsCursorsThisApiDidNotHandOut() {
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Cursors.timePosition("after", "%%"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("after"));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> Cursors.timePosition("after", Cursors.of(UUID.randomUUID())));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Cursors.idPosition("after", "bm9wZQ"));
	}

	@Test
	void acceptsPageSizesFromOneToAHundredAndDefaultsToTwenty() {
		assertThat(Cursors.pageSize("first", null)).isEqualTo(20);
		assertThat(Cursors.pageSize("first", 1)).isEqualTo(1);
		assertThat(Cursors.pageSize("first", 100)).isEqualTo(100);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Cursors.pageSize("first", 0));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> Cursors.pageSize("first", 101));
	}

	@Test
	void aPageTellsWhetherMoreFollowFromTheExtraItem() {
		Page<Integer> page = Page.of(List.of(1, 2, 3), 2, String::valueOf, null);
		assertThat(page.edges()).extracting(Edge::node).containsExactly(1, 2);
		assertThat(page.pageInfo()).isEqualTo(new PageInfo(true, "2"));
		assertThat(Page.of(List.of(1), 2, String::valueOf, 1).pageInfo()).isEqualTo(new PageInfo(false, "1"));
	}

}
