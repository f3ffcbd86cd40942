/* mc-model-dataset.c: the model of a dataset, made once and kept by the dataset
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * table/ knows nothing of the model: it keeps what this file attaches to
 * it (mc_dataset_attach_model()) and hands it to its copies, so that the
 * model of filtered rows makes the choices of the whole dataset's.
 */
#define G_LOG_DOMAIN "mc-model"

#include "config.h"

#include "mc-model-private.h"

/* Models are made on whichever thread asks first (loading, an analysis,
 * a page): one at a time, so that two threads never make two. Recursive,
 * as a copy's model asks for its original's. */
static GRecMutex making;

/**
 * mc_model_for_dataset:
 *
 * The model of DATASET: made the first time it is asked for, from the
 * settings given to mc_model_set_dataset_settings() or, for a copy, with
 * the choices of its original's model; NULL only when those settings name
 * what the dataset does not have (mc_model_set_dataset_settings() then
 * failed and said why).
 */
McModel *
mc_model_for_dataset (McDataset *dataset)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(McModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const GError *failed;
  McModel *like;
  McDataset *original;
  GObject *attached;

  g_return_val_if_fail (MC_IS_DATASET (dataset), NULL);

  locker = g_rec_mutex_locker_new (&making);
  attached = mc_dataset_get_attached_model (dataset, &failed, (GObject **) &like, &original);
  if (attached != NULL || failed != NULL)
    return (McModel *) attached;
  if (like == NULL && original != NULL)
    like = mc_model_for_dataset (original);
  if (like != NULL)
    model = mc_model_new_like (like, dataset, &error);
  else
    model = mc_model_infer (dataset, mc_dataset_get_model_settings (dataset), NULL, &error);
  if (model == NULL)
    g_warning ("%s", error->message);
  mc_dataset_attach_model (dataset, (GObject *) model, model != NULL ? model->purchase_relations : NULL,
                           mc_dataset_get_model_settings (dataset), error);
  return (McModel *) mc_dataset_get_attached_model (dataset, NULL, NULL, NULL);
}

/**
 * mc_model_set_dataset_settings:
 *
 * Makes the model of DATASET again with SETTINGS (key name → value; NULL:
 * none) as the user's choices, "refers.*" ones applied to the dataset's
 * relations. On failure the previous model, relations and settings stay.
 */
gboolean
mc_model_set_dataset_settings (McDataset   *dataset,
                               GHashTable  *settings,
                               GError     **error)
{
  return mc_model_infer_for_dataset (dataset, settings, NULL, error);
}

/**
 * mc_model_infer_for_dataset:
 *
 * mc_model_set_dataset_settings(), stopping with G_IO_ERROR_CANCELLED
 * when CANCELLABLE is (a loader's stage); on any failure the previous
 * model, relations and settings stay.
 */
gboolean
mc_model_infer_for_dataset (McDataset     *dataset,
                            GHashTable    *settings,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GRecMutexLocker) locker = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(McModel) model = NULL;

  g_return_val_if_fail (MC_IS_DATASET (dataset), FALSE);

  locker = g_rec_mutex_locker_new (&making);
  if (!mc_dataset_set_relation_settings (dataset, settings, &before, error))
    return FALSE;
  model = mc_model_infer (dataset, settings, cancellable, error);
  if (model == NULL)
    {
      mc_dataset_restore_relations (dataset, before);
      return FALSE;
    }
  mc_dataset_attach_model (dataset, (GObject *) model, model->purchase_relations, settings, NULL);
  return TRUE;
}

/**
 * mc_model_find_purchases:
 *
 * The purchases every analysis reads: the table of purchase lines of
 * DATASET's model, with their amount, order, customer, time… NULL when
 * the dataset has no purchases.
 */
McTable *
mc_model_find_purchases (McDataset *dataset)
{
  McModel *model = mc_model_for_dataset (dataset);

  return model != NULL ? mc_model_get_purchases (model) : NULL;
}

/**
 * mc_model_find_visits:
 *
 * Customers' visits: the table of visits or events DATASET's model chose.
 * START receives the column of their start time. NULL when there are none.
 */
McTable *
mc_model_find_visits (McDataset  *dataset,
                      McColumn  **start)
{
  McModel *model = mc_model_for_dataset (dataset);
  const char *name = model != NULL ? mc_model_get_value (model, MC_MODEL_VISITS) : NULL;
  McTable *table = name != NULL ? mc_dataset_lookup_table (dataset, name) : NULL;

  *start = NULL;
  if (table == NULL)
    return NULL;
  *start = mc_table_find_role (table, MC_ROLE_VISIT_START);
  if (*start == NULL)
    *start = mc_table_find_role (table, MC_ROLE_EVENT_TIME);
  return *start != NULL ? table : NULL;
}
