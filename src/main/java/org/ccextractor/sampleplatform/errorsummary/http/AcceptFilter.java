package org.ccextractor.sampleplatform.errorsummary.http;

import java.util.List;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * 406 for a request whose Accept gives every type the resource produces the weight 0 (RFC 9110 section 12.5.1),
 * which the REST layer's own matching serves: it refuses a type that no range names, but reads {@code q=0} as any
 * other weight. Runs once the resource is matched, so that an unknown path stays 404, for resources that declare
 * what they produce (the class's {@code @Produces}); the 406 gets the contract's body from {@code ProblemMappers}.
 */
public class AcceptFilter {

    @ServerRequestFilter
    public void check(SimpleResourceInfo resource, HttpHeaders headers) {
        Produces produces = resource.getResourceClass().getAnnotation(Produces.class);
        if (produces == null) {
            return;
        }
        List<String> values = headers.getRequestHeader(HttpHeaders.ACCEPT);
        Accept accept = Accept.parse(values == null ? List.of() : values);
        for (String produced : produces.value()) {
            MediaType type = MediaType.valueOf(produced);
            if (accept.accepts(type.getType(), type.getSubtype())) {
                return;
            }
        }
        throw new NotAcceptableException();
    }
}
