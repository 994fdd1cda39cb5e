from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class LdapConnection(Base):
    __tablename__ = "ldap_connections"

    id = Column(Integer, primary_key=True)
    bind_dn = Column(String(255), nullable=False)
    # expect: credential-storage
    bind_password = Column(String(255), nullable=False)
