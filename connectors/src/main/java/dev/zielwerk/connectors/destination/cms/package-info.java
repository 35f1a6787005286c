/**
 * The CMS destination: membership is kept by Zielwerk and answered through the decide
 * endpoint; the segment catalogue is pushed to the CMS as a signed webhook.
 */
@NullMarked
package dev.zielwerk.connectors.destination.cms;

import org.jspecify.annotations.NullMarked;
