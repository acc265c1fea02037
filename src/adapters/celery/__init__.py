"""Celery: the sync queue, its worker tasks and the daily beat schedule."""

from adapters.celery.app import RostersyncCelery, install, make_celery
from adapters.celery.policy import DeliveryPolicy
from adapters.celery.queue import CelerySyncQueue
from adapters.celery.runners import NoBrokerConfigured, run_beat, run_worker
from adapters.celery.schedule import beat_schedule
from adapters.celery.services import ServicesLike, ServicesNotInstalled

__all__ = [
    "CelerySyncQueue",
    "DeliveryPolicy",
    "NoBrokerConfigured",
    "RostersyncCelery",
    "ServicesLike",
    "ServicesNotInstalled",
    "beat_schedule",
    "install",
    "make_celery",
    "run_beat",
    "run_worker",
]
