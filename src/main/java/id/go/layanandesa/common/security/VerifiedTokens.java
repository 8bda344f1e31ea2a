package id.go.layanandesa.common.security;

import id.go.layanandesa.common.LayananConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Turns a bearer token into an identity, verifying each token once: its signature, issuer and expiry are checked by
 * the JWT parser the first time it is seen, and what it says (the principal, its roles, the claims
 * {@link CallerIdentity} reads) is kept in a {@link TokenCache} until the token expires. Every later call with the
 * same token skips the RS256 check and the parsing.
 *
 * <p>Nothing of revocation moves here: every identity, kept or new, still goes through {@link CallerAugmentor} and
 * its {@link IdentityCheck} on every call. A token that fails verification is never kept.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(VerifiedTokens.class);

    /**
     * Tokens kept at most: a few kilobytes each (the principal holds the parsed claims), far more than the callers an
     * instance serves in a token's lifetime.
     */
    static final int CAPACITY = 10_000;

    /** What a verified token gives. */
    record Verified(JsonWebToken principal, Set<String> roles, TokenClaims claims) {
    }

    @Inject
    JWTParser parser;

    @Inject
    LayananConfig config;

    /** The parser checks expiry against the system's clock: so does what it verified. */
    private final TokenCache<Verified> cache = new TokenCache<>(CAPACITY, Clock.systemUTC());

    /** Whether the token is kept as verified now. */
    boolean kept(String token) {
        return cache.get(TokenCache.key(token)) != null;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Before the JWT extension's own provider, which would verify every call's token again. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof JsonWebTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        String token = request.getToken().getToken();
        ByteBuffer key = TokenCache.key(token);
        Verified kept = cache.get(key);
        if (kept != null) {
            return Uni.createFrom().item(identity(kept, request));
        }
        // the parser may fetch keys (an identity provider's key set): off the event loop
        return context.runBlocking(() -> identity(verify(token, key), request));
    }

    private Verified verify(String token, ByteBuffer key) {
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token);
        } catch (ParseException e) {
            LOG.debug("Authentication failed", e);
            throw new AuthenticationFailedException(e);
        }
        Verified verified = new Verified(jwt, Set.copyOf(jwt.getGroups()), TokenClaims.of(jwt, config.auth()));
        long exp = jwt.getExpirationTime();
        cache.put(key, verified, exp > 0 ? Instant.ofEpochSecond(exp) : null);
        return verified;
    }

    private static SecurityIdentity identity(Verified verified, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.principal())
                .addCredential(request.getToken())
                .addRoles(verified.roles())
                .addAttribute(SecurityIdentity.USER_ATTRIBUTE, verified.principal())
                .addAttribute(TokenClaims.ATTRIBUTE, verified.claims());
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }
}
