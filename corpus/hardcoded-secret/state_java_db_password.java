package com.acme.config;

import javax.sql.DataSource;
import com.zaxxer.hikari.HikariDataSource;

public class Db {
    public static DataSource dataSource() {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:postgresql://db.internal:5432/orders");
        ds.setUsername("orders_app");
        // expect: hardcoded-secret
        ds.setPassword("Tr0ub4dor&3-orders-prod");
        return ds;
    }
}
