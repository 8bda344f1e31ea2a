package id.go.layanandesa.support;

import id.go.layanandesa.account.TokenIssuer;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps the token issuer in the test application even while no production bean injects it yet:
 * {@link TestAccounts} looks it up programmatically, which Arc's unused-bean removal does not see.
 */
@Unremovable
@ApplicationScoped
class KeepTokenIssuer {

    @Inject
    TokenIssuer issuer;
}
