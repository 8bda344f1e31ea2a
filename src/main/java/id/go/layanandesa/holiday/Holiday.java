package id.go.layanandesa.holiday;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;

import java.io.Serializable;
import java.time.LocalDate;

/** A national holiday or joint leave day (cuti bersama) as a kabupaten's admin entered it. */
@Entity
public class Holiday extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    public String name;

    @Embeddable
    public record Key(String kabupatenCode, LocalDate day) implements Serializable {
    }
}
