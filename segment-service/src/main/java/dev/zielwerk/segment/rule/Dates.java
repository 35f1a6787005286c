package dev.zielwerk.segment.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The DATE forms of the language: a date means its UTC midnight; instants carry a zone.
 */
final class Dates {

	private Dates() {
	}

	static Instant parse(String text) {
		if (text.length() == 10) {
			return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
	}

	/**
	 * The canonical form: the date alone at UTC midnight, else the ISO instant in UTC.
	 */
	static String format(Instant instant) {
		if (instant.getEpochSecond() % 86_400 == 0 && instant.getNano() == 0) {
			return DateTimeFormatter.ISO_LOCAL_DATE.format(instant.atOffset(ZoneOffset.UTC));
		}
		return instant.toString();
	}

}
