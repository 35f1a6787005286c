package dev.zielwerk.connectors.cms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CMS connector's timing.
 *
 * @param decideMaxAge how long a CMS or edge may reuse a decide answer
 * ({@code Cache-Control: private, max-age}); a consent withdrawal reaches visitors at
 * most this late through caches
 * @param catalogueInterval how often the catalogue of every CMS destination is read and
 * pushed when it changed (segment-service publishes no event when a segment is renamed)
 */
@ConfigurationProperties("zielwerk.connectors.cms")
public record CmsProperties(@DefaultValue("60s") Duration decideMaxAge,
		@DefaultValue("5m") Duration catalogueInterval) {

}
