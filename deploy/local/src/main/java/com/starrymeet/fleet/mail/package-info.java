/**
 * The local fleet's mail: a GreenMail SMTP server that keeps every message, and a small web page to read them and to
 * follow the links they carry.
 */
@NullMarked
package com.starrymeet.fleet.mail;

import org.jspecify.annotations.NullMarked;
