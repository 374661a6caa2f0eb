/**
 * Field rules that several modules' request records share (Bean Validation constraints) and the text clean-up
 * they all apply before validating ({@link Text}).
 */
@NullMarked
package com.starrymeet.celebrity.validation;

import org.jspecify.annotations.NullMarked;
