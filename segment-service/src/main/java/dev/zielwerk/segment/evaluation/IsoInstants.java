package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Instants as both evaluators see them. A trait or property string is a date exactly when
 * it has the strict form below, the same one {@code segment.iso_instant} accepts in SQL
 * (V1 migration), and PostgreSQL keeps instants to the microsecond.
 */
final class IsoInstants {

	/**
	 * {@code 2026-01-31}, or {@code 2026-01-31T12:00:00[.ffffff](Z|+hh:mm)}: upper-case
	 * separators, seconds required, at most six fraction digits, offsets up to 14:59.
	 */
	static final Pattern FORM = Pattern
		.compile("([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(?:T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])"
				+ "(?:\\.([0-9]{1,6}))?(?:Z|([+-])(0[0-9]|1[0-4]):([0-5][0-9])))?");

	/** PostgreSQL's earliest timestamp, 4713-11-24 BC 00:00 UTC. */
	private static final Instant SQL_MIN = Instant.parse("-4712-11-24T00:00:00Z");

	/** PostgreSQL's latest timestamp. */
	private static final Instant SQL_MAX = Instant.parse("+294276-12-31T23:59:59.999999Z");

	private IsoInstants() {
	}

	/**
	 * The instant a string stands for, when it is a date in the strict form.
	 * @param text a trait or property string
	 * @return the instant, or {@code null} when the string is not such a date
	 */
	static @Nullable Instant parse(String text) {
		Matcher matcher = FORM.matcher(text);
		if (!matcher.matches()) {
			return null;
		}
		int year = Integer.parseInt(matcher.group(1));
		int month = Integer.parseInt(matcher.group(2));
		int day = Integer.parseInt(matcher.group(3));
		if (year == 0 || day > YearMonth.of(year, month).lengthOfMonth()) {
			return null;
		}
		LocalDate date = LocalDate.of(year, month, day);
		if (matcher.group(4) == null) {
			return date.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		String fraction = (matcher.group(7) != null) ? matcher.group(7) : "";
		int nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
		LocalTime time = LocalTime.of(Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
				Integer.parseInt(matcher.group(6)), nanos);
		ZoneOffset offset = ZoneOffset.UTC;
		if (matcher.group(8) != null) {
			int sign = matcher.group(8).equals("-") ? -1 : 1;
			offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(matcher.group(9)),
					sign * Integer.parseInt(matcher.group(10)));
		}
		return LocalDateTime.of(date, time).toInstant(offset);
	}

	static Instant floorMicros(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static Instant ceilMicros(Instant instant) {
		Instant floor = floorMicros(instant);
		return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
	}

	/**
	 * PostgreSQL input text for a microsecond instant, independent of the session's time
	 * zone; instants beyond PostgreSQL's range become {@code -infinity} or
	 * {@code infinity}, which order the same against every storable instant.
	 * @param instant an instant at microsecond precision
	 * @return the text to cast to {@code timestamptz}
	 */
	static String sqlText(Instant instant) {
		if (instant.isBefore(SQL_MIN)) {
			return "-infinity";
		}
		if (instant.isAfter(SQL_MAX)) {
			return "infinity";
		}
		OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
		int year = utc.getYear();
		String era = (year <= 0) ? " BC" : "";
		return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ%s", (year <= 0) ? 1 - year : year,
				utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(),
				utc.getNano() / 1000, era);
	}

}
