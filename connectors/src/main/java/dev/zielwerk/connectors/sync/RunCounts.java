package dev.zielwerk.connectors.sync;

/**
 * The figures of a run so far.
 *
 * @param eligible members whose consent covers the destination's purpose
 * @param skippedNoConsent members without that consent
 * @param added members the destination accepted as added (or updated)
 * @param removed members the destination accepted as removed
 * @param rejected records the destination rejected
 */
public record RunCounts(long eligible, long skippedNoConsent, long added, long removed, long rejected) {

	static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0);

}
