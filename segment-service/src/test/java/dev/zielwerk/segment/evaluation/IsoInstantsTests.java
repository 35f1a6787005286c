package dev.zielwerk.segment.evaluation;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTests {

	@ParameterizedTest
	@CsvSource({ "2026-01-31, 2026-01-31T00:00:00Z", "2024-02-29, 2024-02-29T00:00:00Z",
			"2026-01-31T12:00:00Z, 2026-01-31T12:00:00Z", "2026-01-31T12:00:00.5Z, 2026-01-31T12:00:00.500Z",
			"2026-01-31T12:00:00.123456+02:00, 2026-01-31T10:00:00.123456Z",
			"2026-01-01T00:30:00-14:59, 2026-01-01T15:29:00Z" })
	void stringsInTheStrictFormAreInstants(String text, String instant) {
		assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(instant));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026", "2026-1-31", "2026-02-30", "2023-02-29", "1900-02-29", "0000-01-01",
			"2026-01-31T12:00Z", "2026-01-31T24:00:00Z", "2026-01-31T12:00:60Z", "2026-01-31t12:00:00z",
			"2026-01-31T12:00:00", "2026-01-31T12:00:00.1234567Z", "2026-01-31T12:00:00+15:00", "2026-01-31 12:00:00Z",
			" 2026-01-31", "2026-01-31\n" })
	void otherStringsAreNotInstants(String text) {
		assertThat(IsoInstants.parse(text)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "2026-01-31T12:00:00.000001Z, 2026-01-31T12:00:00.000001Z",
			"0000-12-31T23:00:00Z, 0001-12-31T23:00:00.000000Z BC",
			"+10000-01-01T00:00:00Z, 10000-01-01T00:00:00.000000Z", "-5000-01-01T00:00:00Z, -infinity",
			"+300000-01-01T00:00:00Z, infinity" })
	void sqlTextIsTimeZoneFreeAndCoversPostgresRange(String instant, String text) {
		assertThat(IsoInstants.sqlText(Instant.parse(instant))).isEqualTo(text);
	}

}
