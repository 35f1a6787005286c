/**
 * The CMS connector: the consent-gated, cacheable decide endpoint ({@code GET
 * /v1/decide/{destinationId}}) and the push of the segment catalogue to the CMS.
 */
@NullMarked
package dev.zielwerk.connectors.cms;

import org.jspecify.annotations.NullMarked;
