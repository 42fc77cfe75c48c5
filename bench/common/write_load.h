/* What the durable-write figure writes, shared by the load generator (through
 * hackd) and the storage ceiling (straight into SQLite), so both write the
 * same rows: teams in events of TEAMS_PER_EVENT, IDEAS_PER_TEAM ideas per
 * team, each a title, a 115-character pitch and a 240-character body. */
#ifndef BENCH_WRITE_LOAD_H
#define BENCH_WRITE_LOAD_H

#define TEAMS_PER_EVENT 500 /* docs/LIMITS.md: teamsPerEventMax */
#define IDEAS_PER_TEAM 100  /* docs/LIMITS.md: ideasPerTeamMax */
#define IDEA_TITLE_FORMAT "Idée %d de l'équipe %llu"

static const char idea_pitch[] = "Un capteur partagé par quartier, relevé par les habitants, pour "
                                 "savoir où l'air est bon et quand ouvrir les fenêtres.";
static const char idea_body[] = "Les données sont publiées chaque heure sous licence ouverte ; la "
                                "mairie prête les capteurs, les écoles les installent, et une carte "
                                "simple montre les relevés de la semaine. Coût estimé : 40 euros par "
                                "capteur, une demi-journée d'atelier par école.";

#endif
