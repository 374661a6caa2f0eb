package com.starrymeet.search.index;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Opens the index at {@code starrymeet.search.index-dir} (default {@code ./data/search-index}). */
@Configuration(proxyBeanMethods = false)
class IndexConfiguration {

	@Bean(destroyMethod = "close")
	CelebrityIndex celebrityIndex(@Value("${starrymeet.search.index-dir:./data/search-index}") Path directory) {
		return new CelebrityIndex(directory);
	}
}
