package id.go.layanandesa.routing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** For this service type (null: every service) and this area (kabupaten, kecamatan or desa): route to this OPD. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "routing_rule_seq")
    @SequenceGenerator(name = "routing_rule_seq", sequenceName = "routing_rule_seq", allocationSize = 50)
    public Long id;

    @Column(name = "kabupaten_code")
    public String kabupatenCode;

    @Column(name = "service_type_id")
    public Long serviceTypeId;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "opd_id")
    public Long opdId;

    public String note;

    @Column(name = "created_at")
    public Instant createdAt;
}
