"""Initial schema: runs, run items, documents, incidents and their reports,
claims, evidence spans and actors.

Written from ``harmwatch.store.models`` and frozen here: later schema changes
get their own revision; never edit this one once released. Only portable types
(String, Text, Integer, Float, DateTime(timezone=True), JSON) so the same
revision runs on SQLite and PostgreSQL.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 11:39:58.124002
"""
from __future__ import annotations

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('incidents',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=True),
    sa.Column('sub_event_type', sa.String(length=128), nullable=True),
    sa.Column('cameo', sa.String(length=16), nullable=True),
    sa.Column('date_start', sa.String(length=32), nullable=True),
    sa.Column('date_end', sa.String(length=32), nullable=True),
    sa.Column('date_precision', sa.String(length=32), nullable=True),
    sa.Column('location_name', sa.Text(), nullable=True),
    sa.Column('country_code', sa.String(length=8), nullable=True),
    sa.Column('admin1', sa.Text(), nullable=True),
    sa.Column('admin2', sa.Text(), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.String(length=32), nullable=True),
    sa.Column('geonames_id', sa.Integer(), nullable=True),
    sa.Column('killed_min', sa.Integer(), nullable=True),
    sa.Column('killed_best', sa.Integer(), nullable=True),
    sa.Column('killed_max', sa.Integer(), nullable=True),
    sa.Column('injured_min', sa.Integer(), nullable=True),
    sa.Column('injured_best', sa.Integer(), nullable=True),
    sa.Column('injured_max', sa.Integer(), nullable=True),
    sa.Column('review_status', sa.String(length=16), server_default='unreviewed', nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    op.create_index(op.f('ix_incidents_country_code'), 'incidents', ['country_code'], unique=False)
    op.create_index(op.f('ix_incidents_date_start'), 'incidents', ['date_start'], unique=False)
    op.create_index(op.f('ix_incidents_event_type'), 'incidents', ['event_type'], unique=False)
    op.create_index(op.f('ix_incidents_review_status'), 'incidents', ['review_status'], unique=False)

    op.create_table('runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('harmwatch_version', sa.String(length=32), nullable=True),
    sa.Column('command', sa.String(length=64), nullable=False),
    sa.Column('options', sa.JSON(), nullable=True),
    sa.Column('inputs', sa.JSON(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_runs'))
    )
    op.create_table('documents',
    sa.Column('id', sa.String(length=255), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('url', sa.String(length=2048), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=64), nullable=True),
    sa.Column('source', sa.String(length=255), nullable=True),
    sa.Column('language', sa.String(length=16), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('input_format', sa.String(length=16), nullable=True),
    sa.Column('origin', sa.Text(), nullable=True),
    sa.Column('extractor_version', sa.String(length=64), nullable=False),
    sa.Column('extraction_status', sa.String(length=16), server_default='ok', nullable=False),
    sa.Column('extraction_error', sa.Text(), nullable=True),
    sa.Column('first_seen_run', sa.Integer(), nullable=True),
    sa.Column('last_seen_run', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['first_seen_run'], ['runs.id'], name=op.f('fk_documents_first_seen_run_runs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['last_seen_run'], ['runs.id'], name=op.f('fk_documents_last_seen_run_runs'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    op.create_index(op.f('ix_documents_content_hash'), 'documents', ['content_hash'], unique=False)
    op.create_index(op.f('ix_documents_url'), 'documents', ['url'], unique=False)

    op.create_table('run_items',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.Text(), nullable=False),
    sa.Column('doc_id', sa.String(length=255), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.CheckConstraint("status IN ('done', 'skipped', 'failed')", name=op.f('ck_run_items_status')),
    sa.ForeignKeyConstraint(['run_id'], ['runs.id'], name=op.f('fk_run_items_run_id_runs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_run_items'))
    )
    op.create_index(op.f('ix_run_items_doc_id'), 'run_items', ['doc_id'], unique=False)
    op.create_index(op.f('ix_run_items_run_id'), 'run_items', ['run_id'], unique=False)

    op.create_table('incident_reports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_id', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.String(length=255), nullable=False),
    sa.Column('mention_index', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_incident_reports_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_reports_incident_id_incidents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_reports')),
    sa.UniqueConstraint('document_id', 'mention_index', name=op.f('uq_incident_reports_document_id'))
    )
    op.create_index(op.f('ix_incident_reports_document_id'), 'incident_reports', ['document_id'], unique=False)
    op.create_index(op.f('ix_incident_reports_incident_id'), 'incident_reports', ['incident_id'], unique=False)

    op.create_table('claims',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_report_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('min', sa.Integer(), nullable=True),
    sa.Column('best', sa.Integer(), nullable=True),
    sa.Column('max', sa.Integer(), nullable=True),
    sa.Column('qualifier', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('evidence', sa.JSON(), nullable=True),
    sa.CheckConstraint("kind IN ('killed', 'injured')", name=op.f('ck_claims_kind')),
    sa.ForeignKeyConstraint(['incident_report_id'], ['incident_reports.id'], name=op.f('fk_claims_incident_report_id_incident_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_claims'))
    )
    op.create_index(op.f('ix_claims_incident_report_id'), 'claims', ['incident_report_id'], unique=False)

    op.create_table('evidence',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_report_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=128), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['incident_report_id'], ['incident_reports.id'], name=op.f('fk_evidence_incident_report_id_incident_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence'))
    )
    op.create_index(op.f('ix_evidence_incident_report_id'), 'evidence', ['incident_report_id'], unique=False)

    op.create_table('incident_actors',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('incident_report_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('mention', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=64), nullable=True),
    sa.CheckConstraint("role IN ('perpetrator', 'victim')", name=op.f('ck_incident_actors_role')),
    sa.ForeignKeyConstraint(['incident_report_id'], ['incident_reports.id'], name=op.f('fk_incident_actors_incident_report_id_incident_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_actors'))
    )
    op.create_index(op.f('ix_incident_actors_incident_report_id'), 'incident_actors', ['incident_report_id'], unique=False)
    op.create_index(op.f('ix_incident_actors_name'), 'incident_actors', ['name'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f('ix_incident_actors_name'), table_name='incident_actors')
    op.drop_index(op.f('ix_incident_actors_incident_report_id'), table_name='incident_actors')

    op.drop_table('incident_actors')
    op.drop_index(op.f('ix_evidence_incident_report_id'), table_name='evidence')

    op.drop_table('evidence')
    op.drop_index(op.f('ix_claims_incident_report_id'), table_name='claims')

    op.drop_table('claims')
    op.drop_index(op.f('ix_incident_reports_incident_id'), table_name='incident_reports')
    op.drop_index(op.f('ix_incident_reports_document_id'), table_name='incident_reports')

    op.drop_table('incident_reports')
    op.drop_index(op.f('ix_run_items_run_id'), table_name='run_items')
    op.drop_index(op.f('ix_run_items_doc_id'), table_name='run_items')

    op.drop_table('run_items')
    op.drop_index(op.f('ix_documents_url'), table_name='documents')
    op.drop_index(op.f('ix_documents_content_hash'), table_name='documents')

    op.drop_table('documents')
    op.drop_table('runs')
    op.drop_index(op.f('ix_incidents_review_status'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_event_type'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_date_start'), table_name='incidents')
    op.drop_index(op.f('ix_incidents_country_code'), table_name='incidents')

    op.drop_table('incidents')
