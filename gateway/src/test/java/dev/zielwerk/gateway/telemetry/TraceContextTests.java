package dev.zielwerk.gateway.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

	private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

	@Test
	void continuesAValidTraceWithASpanOfItsOwn() {
		TraceContext context = TraceContext.continueOrStart("00-" + TRACE + "-b7ad6b7169203331-01",
				"congo=t61rcWkgMzE");
		assertThat(context.traceId()).isEqualTo(TRACE);
		assertThat(context.parentId()).isEqualTo("b7ad6b7169203331");
		assertThat(context.spanId()).hasSize(16).isNotEqualTo("b7ad6b7169203331");
		assertThat(context.traceState()).isEqualTo("congo=t61rcWkgMzE");
		String child = context.childTraceparent();
		assertThat(child).matches("00-" + TRACE + "-[0-9a-f]{16}-01");
		assertThat(child.substring(36, 52)).isNotEqualTo(context.spanId()).isNotEqualTo("0000000000000000");
	}

	@Test
	void keepsTheFlagsAndAcceptsLaterVersionsWithMoreFields() {
		assertThat(TraceContext.continueOrStart("00-" + TRACE + "-b7ad6b7169203331-00", null).flags()).isEqualTo("00");
		assertThat(TraceContext.continueOrStart("01-" + TRACE + "-b7ad6b7169203331-01-extra", null).traceId())
			.isEqualTo(TRACE);
	}

	@Test
	void startsANewTraceForInvalidHeaders() {
		for (String invalid : new String[] { "", "garbage", "00-" + TRACE + "-b7ad6b7169203331-01-extra",
				"00-00000000000000000000000000000000-b7ad6b7169203331-01", "00-" + TRACE + "-0000000000000000-01",
				"ff-" + TRACE + "-b7ad6b7169203331-01", "00-" + TRACE.toUpperCase() + "-b7ad6b7169203331-01",
				"00-" + TRACE + "-b7ad6b7169203331-0g" }) {
			TraceContext context = TraceContext.continueOrStart(invalid, "a=b");
			assertThat(context.traceId()).as(invalid).isNotEqualTo(TRACE).matches("[0-9a-f]{32}");
			assertThat(context.parentId()).as(invalid).isNull();
			assertThat(context.traceState()).as(invalid).isNull();
			assertThat(context.flags()).isEqualTo("01");
		}
	}

}
