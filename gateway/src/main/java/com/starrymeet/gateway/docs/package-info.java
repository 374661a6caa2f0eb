/** The services' OpenAPI documents, served through the gateway for one Swagger UI. */
@org.jspecify.annotations.NullMarked
package com.starrymeet.gateway.docs;
