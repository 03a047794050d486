"""The evaluation's pages (绩效评价): figures and their cases, daily trends, appeals, the periodic
evaluations and their bulletins. Thin adapters over gridcity.evaluation's functions; who may see
and do what is decided in ``common``."""
