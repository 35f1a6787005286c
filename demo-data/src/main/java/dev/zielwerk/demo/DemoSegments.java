package dev.zielwerk.demo;

import java.util.List;

/**
 * The segments the field talks about, as rules; created in this order, so that a rule
 * refers only to segments created before it.
 */
public final class DemoSegments {

	private DemoSegments() {
	}

	public static List<DemoSegment> all() {
		return List.of(
				new DemoSegment("dach", "DACH customers", "Addresses in Germany, Austria or Switzerland",
						"traits.geo.country in [\"DE\", \"AT\", \"CH\"]"),
				new DemoSegment("one-time-buyers", "One-time buyers",
						"Bought exactly once: the second order is the goal", "count(event \"Order Completed\") = 1"),
				new DemoSegment("repeat-buyers", "Repeat buyers", "Bought at least twice",
						"count(event \"Order Completed\") >= 2"),
				new DemoSegment("vip", "VIPs", "Over 1,000 in revenue within a year",
						"sum(properties.revenue, event \"Order Completed\" within 365d) >= 1000"),
				new DemoSegment("frequent-buyers-gone-quiet", "Frequent buyers gone quiet",
						"More than 3 orders in 30 days, but no activity for 7 days",
						"count(event \"Order Completed\" within 30d) > 3 and last(event any) before 7d ago"),
				new DemoSegment("openers-not-buyers", "Opens mails, does not buy",
						"High open rate but no order in 30 days",
						"count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d) > 0.4\n"
								+ "  and count(event \"Order Completed\" within 30d) = 0"),
				new DemoSegment("newsletter-outdoor", "Newsletter: outdoor",
						"Interested in outdoor products and consented to e-mail",
						"traits.psychographic.interests contains \"outdoor\" and consent(EMAIL_MARKETING)"),
				new DemoSegment("newsletter-fashion", "Newsletter: fashion",
						"Interested in fashion and consented to e-mail",
						"traits.psychographic.interests contains \"fashion\" and consent(EMAIL_MARKETING)"),
				new DemoSegment("b2b-enterprise", "B2B: enterprise accounts", "Contacts at companies of 250 or more",
						"traits.firmographic.employees >= 250"),
				new DemoSegment("b2b-smb", "B2B: small and medium businesses", "Contacts at companies below 250",
						"traits.firmographic.employees < 250"),
				new DemoSegment("reactivation", "Reactivation",
						"Bought before, not in 90 days, still reading mail, not a VIP: win them back",
						"last(event \"Order Completed\") before 90d ago\n"
								+ "  and last(event \"Email Opened\") within 30d\n"
								+ "  and consent(EMAIL_MARKETING)\n  and not in segment \"vip\""));
	}

}
