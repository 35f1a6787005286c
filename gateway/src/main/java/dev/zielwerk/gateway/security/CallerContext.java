package dev.zielwerk.gateway.security;

import java.time.Instant;

import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Carries the authenticated caller through a reactive request in the Reactor context: the
 * transport puts it there ({@code contextWrite(CallerContext.with(caller))}),
 * authorization and the subgraph client read it. A request with no caller in its context
 * is anonymous, so a transport that forgets to authenticate gets less, never more.
 */
public final class CallerContext {

	private static final Object KEY = CallerContext.class;

	private CallerContext() {
	}

	/**
	 * A context function that sets the caller.
	 * @param caller the caller
	 * @return the function for {@code contextWrite}
	 */
	public static java.util.function.Function<Context, Context> with(CallerIdentity caller) {
		return (context) -> context.put(KEY, caller);
	}

	/**
	 * The caller of the request, if one was set.
	 * @param context the Reactor context
	 * @return the caller, or null
	 */
	public static @Nullable CallerIdentity get(ContextView context) {
		return context.<CallerIdentity>getOrEmpty(KEY).orElse(null);
	}

	/**
	 * What identifies the caller for sharing work between requests: the same for every
	 * request of one caller (the credential's expiry left out), the same for all
	 * anonymous requests.
	 * @param context the Reactor context
	 * @return the key, null for anonymous callers
	 */
	public static @Nullable CallerIdentity sharingKey(ContextView context) {
		CallerIdentity caller = get(context);
		return (caller == null || caller.isAnonymous()) ? null : caller.expiringAt(Instant.EPOCH);
	}

	/**
	 * The caller of the request, anonymous when none was set.
	 * @param context the Reactor context
	 * @return the caller
	 */
	public static CallerIdentity orAnonymous(ContextView context) {
		CallerIdentity caller = get(context);
		return (caller != null) ? caller : CallerIdentity.anonymous(Instant.now().plusSeconds(300));
	}

}
