/**
 * Public-key sealing of small secrets that must travel through places many can read (Kafka topics, logs of the
 * brokers' clients): {@link com.starrymeet.common.crypto.SealedBox}. JDK only, so the local fleet's launcher can
 * use it without Spring.
 */
@NullMarked
package com.starrymeet.common.crypto;

import org.jspecify.annotations.NullMarked;
