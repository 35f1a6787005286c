package dev.zielwerk.profile.traits;

/**
 * Who the data comes from: the person (ZERO), the brand's own observation (FIRST), a
 * partner (SECOND).
 */
public enum Party {

	ZERO, FIRST, SECOND

}
