/**
 * Google Ads Customer Match through offline user data jobs: create (with job-level
 * consent for adds), add operations with partial failure, run, poll; adds and removes in
 * separate jobs.
 */
@NullMarked
package dev.zielwerk.connectors.destination.google;

import org.jspecify.annotations.NullMarked;
