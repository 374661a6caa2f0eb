package com.starrymeet.common.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize largest request body accepted; larger ones get 413
 */
@ConfigurationProperties("starrymeet.web")
public record WebSettings(@DefaultValue("1MB") DataSize maxRequestSize) {
}
