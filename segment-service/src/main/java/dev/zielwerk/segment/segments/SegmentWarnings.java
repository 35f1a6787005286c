package dev.zielwerk.segment.segments;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Field advice on segments: an active segment smaller than
 * {@code zielwerk.segment.minimum-size} (default 100) is flagged, as audiences that small
 * are rejected or unreliable at most ad and mail destinations and can single out people.
 */
@Component
public final class SegmentWarnings {

	private final long minimumSize;

	SegmentWarnings(@Value("${zielwerk.segment.minimum-size:100}") long minimumSize) {
		this.minimumSize = minimumSize;
	}

	public List<String> of(Segment segment) {
		List<String> warnings = new ArrayList<>();
		if (segment.status() == SegmentStatus.ACTIVE && segment.size() < this.minimumSize) {
			warnings.add("BELOW_MINIMUM_SIZE: " + segment.size() + " members, fewer than the minimum of "
					+ this.minimumSize);
		}
		return warnings;
	}

}
